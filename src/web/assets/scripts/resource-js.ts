// The resource page's only script, kept as a TypeScript string so the compiled build carries it: adds a
// "Copy" button after each readonly text box of the reuse section (attributions and citations) that copies
// the box's text with navigator.clipboard and says "Copied" in a live region next to it. The page works
// without it (the boxes can be selected and copied with the keyboard); where copying fails the text is
// selected and the reader is told to press Ctrl+C. Words come from data attributes in the reader's language.
import { createHash } from 'node:crypto';

export const RESOURCE_JS = `(function () {
  'use strict';
  var box = document.querySelector('[data-copy-button]');
  if (!box) return;
  var words = {
    copy: box.getAttribute('data-copy-button') || 'Copy',
    done: box.getAttribute('data-copy-done') || 'Copied',
    failed: box.getAttribute('data-copy-failed') || ''
  };
  function fallback(area) {
    area.focus();
    area.select();
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }
  var areas = box.querySelectorAll('textarea[data-copy]');
  Array.prototype.forEach.call(areas, function (area) {
    var label = box.querySelector('label[for="' + area.id + '"]');
    var row = document.createElement('div');
    row.className = 'copy-row';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = words.copy;
    if (label) button.setAttribute('aria-label', words.copy + ': ' + label.textContent);
    var status = document.createElement('span');
    status.className = 'copy-status';
    status.setAttribute('role', 'status');
    row.appendChild(button);
    row.appendChild(status);
    area.parentNode.insertBefore(row, area.nextSibling);
    var timer = 0;
    function say(text) {
      status.textContent = text;
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = '';
      }, 6000);
    }
    button.addEventListener('click', function () {
      status.textContent = '';
      var text = area.value;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () {
            say(words.done);
          },
          function () {
            say(fallback(area) ? words.done : words.failed);
          }
        );
      } else {
        say(fallback(area) ? words.done : words.failed);
      }
    });
  });
})();
`;

/** A short content hash: the ETag, and the version query that lets browsers keep the script for a year. */
export const RESOURCE_JS_VERSION = createHash('sha256').update(RESOURCE_JS).digest('hex').slice(0, 16);

/** Where the resource page loads the script from. */
export const RESOURCE_JS_HREF = `/assets/resource.js?v=${RESOURCE_JS_VERSION}`;
