import { openCases, type Cases } from '../src/cases/index.js';
import type { Config } from '../src/config/index.js';
import type { IndicatorCatalog } from '../src/indicators/index.js';
import type { Store } from '../src/store/index.js';
import { TextService } from '../src/text/index.js';

/** Reports and cases for a bench that builds the whole API (the benches here do not exercise them). */
export function benchCases(store: Store, catalog: IndicatorCatalog, config: Config): Promise<Cases> {
  return openCases(store, { text: new TextService(catalog.checker, config.FANZHA_TEXT_THRESHOLD), indicators: catalog.service, maxCases: config.FANZHA_CASE_LINK_MAX_CASES });
}
