// Feeds built in the shapes OER publishers use (the corpus has none): an RSS 2.0 feed with Dublin Core,
// Media RSS, an enclosure and the Creative Commons module at channel level; an Atom feed with a feed-level
// author and licence link (RFC 4946), xml:base, HTML content and an RFC 5005 `next` link; an RSS 1.0 (RDF)
// feed with Dublin Core and the cc: module; and hostile variants. Test data only.

export const RSS2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule">
<channel>
  <title>OER Repository – new resources</title>
  <link>https://oer.example.org/</link>
  <description>Latest open educational resources</description>
  <language>en-us</language>
  <creativeCommons:license>https://creativecommons.org/licenses/by/4.0/</creativeCommons:license>
  <atom:link rel="self" href="https://oer.example.org/feed.xml"/>
  <atom:link rel="next" href="/feed.xml?page=2"/>
  <item>
    <title>Introduction to Photosynthesis</title>
    <link>https://oer.example.org/resources/photosynthesis</link>
    <guid isPermaLink="false">oer-example-1042</guid>
    <description><![CDATA[<p>A <strong>lesson</strong> on how plants turn light into energy.&nbsp;Includes a worksheet.</p><p>Grades 6–8.</p>]]></description>
    <pubDate>Tue, 14 May 2024 09:30:00 +0200</pubDate>
    <author>teacher@oer.example.org (Maria Gonzalez)</author>
    <category>Biology</category>
    <category>Plants</category>
    <dc:subject>Science; Photosynthesis</dc:subject>
    <dc:type>InteractiveResource</dc:type>
    <dc:creator>Jane Smith</dc:creator>
    <dc:publisher>Open Science Foundation</dc:publisher>
    <dcterms:educationLevel>Middle School</dcterms:educationLevel>
    <dcterms:audience>teacher</dcterms:audience>
    <enclosure url="https://oer.example.org/files/photosynthesis.pdf" length="506857" type="application/pdf"/>
    <media:thumbnail url="https://oer.example.org/img/photosynthesis.jpg" width="120" height="90"/>
    <media:keywords>chlorophyll, light, energy</media:keywords>
  </item>
  <item>
    <title>Fractions with &lt;em&gt;pizza&lt;/em&gt; — video</title>
    <link>/resources/fractions</link>
    <guid>https://oer.example.org/resources/fractions</guid>
    <description>Learn fractions by sharing pizza.</description>
    <pubDate>Mon, 13 May 2024 08:00:00 GMT</pubDate>
    <media:group>
      <media:content url="https://cdn.example.org/fractions.mp4" type="video/mp4" fileSize="10485760" duration="312" medium="video"/>
      <media:title>Fractions (video)</media:title>
      <media:credit role="author">Luis Ortega</media:credit>
      <media:license type="text/html" href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</media:license>
    </media:group>
  </item>
  <item>
    <description>An item without a title</description>
    <guid>https://oer.example.org/resources/untitled</guid>
  </item>
</channel>
</rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de" xml:base="https://lernen.example.de/">
  <title>Neue Lernmaterialien</title>
  <id>tag:lernen.example.de,2024:feed</id>
  <updated>2024-05-20T10:00:00Z</updated>
  <author><name>Institut für Schulqualität</name><uri>https://lernen.example.de/</uri></author>
  <rights>CC BY 4.0</rights>
  <link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>
  <link rel="next" href="feed?seite=2"/>
  <entry>
    <title type="html">Bruchrechnung &amp;amp; Dezimalzahlen</title>
    <id>https://lernen.example.de/material/4711</id>
    <link rel="alternate" type="text/html" href="material/4711"/>
    <link rel="enclosure" type="application/pdf" length="2048" href="dateien/4711.pdf"/>
    <updated>2024-05-19T08:00:00Z</updated>
    <published>2024-05-01T08:00:00Z</published>
    <summary type="html">&lt;p&gt;Arbeitsblätter zur &lt;b&gt;Bruchrechnung&lt;/b&gt;&lt;/p&gt;</summary>
    <category term="Mathematik"/>
    <category term="http://w3id.org/kim/schulfaecher/s1017" label="Mathematik"/>
  </entry>
  <entry>
    <title>Eigenes Werk mit eigener Lizenz</title>
    <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
    <link href="https://lernen.example.de/material/4712"/>
    <updated>2024-05-18T08:00:00Z</updated>
    <author><name>Dr. Erika Muster</name><email>erika@lernen.example.de</email></author>
    <link rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ein <em>Quiz</em> zur Photosynthese.</p></div></content>
  </entry>
</feed>`;

export const RSS1 = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://web.resource.org/cc/">
  <channel rdf:about="https://repo.example.org/rss">
    <title>Repository</title><link>https://repo.example.org/</link><description>d</description>
    <dc:language>fr</dc:language>
  </channel>
  <item rdf:about="https://repo.example.org/handle/123/45">
    <title>Cours de chimie organique</title>
    <link>https://repo.example.org/handle/123/45</link>
    <dc:creator>Dupont, Jean</dc:creator>
    <dc:date>2023-11-02</dc:date>
    <dc:identifier>https://doi.org/10.1234/chimie.45</dc:identifier>
    <dc:rights>Licence Creative Commons</dc:rights>
    <cc:license rdf:resource="https://creativecommons.org/licenses/by-nc/4.0/"/>
    <description>Un cours complet.</description>
  </item>
</rdf:RDF>`;

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><guid>x</guid></item></channel></rss>`;

export const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&xxe;</title><guid>x</guid></item></channel></rss>`;

/** RSS written by an HTML tool: entity names XML does not define, and one item that is cut in half. */
export const SLOPPY_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Caf&eacute; &amp; more</title><language>fr</language>
<item><title>Le caf&eacute;&nbsp;au lait</title><guid>https://x.example.org/1</guid><description>Tr&egrave;s bien&hellip;</description></item>
<item><title>Broken <b>item</title><guid>https://x.example.org/2</guid></item>
<item><title>Third</title><guid>https://x.example.org/3</guid></item>
</channel></rss>`;
