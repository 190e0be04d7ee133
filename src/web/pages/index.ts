// Every page of the portal, registered in one place. Each page module exports register*(app, deps) and
// builds its HTML from the services in PageDeps; none touches the store's tables or an adapter.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../ports/store.js';
import type { SearchService } from '../../services/search-service.js';
import type { SourceService } from '../../services/source-service.js';
import { registerAboutPage } from './about.js';
import { registerApiPage } from './api-page.js';
import { registerHomePage } from './home.js';
import { registerResourcePage } from './resource.js';
import { registerLanguageRedirects } from './routes.js';
import { registerSearchPage } from './search.js';
import { registerSourcePages } from './sources.js';

/** What the pages may use. */
export interface PageDeps {
  readonly store: Store;
  readonly search: SearchService;
  readonly sources: SourceService;
}

export function registerPages(app: FastifyInstance, deps: PageDeps): void {
  registerLanguageRedirects(app);
  registerHomePage(app, deps);
  registerSearchPage(app, deps);
  registerResourcePage(app, deps);
  registerSourcePages(app, deps);
  registerAboutPage(app, deps);
  registerApiPage(app, deps);
}
