import type { Archive } from "../archive.ts";
import { uiStrings } from "../i18n.ts";
import { offlinePageUrl } from "../offline/urls.ts";
import { plainPage, type PageContext, type SiteContext } from "../pages.ts";
import { withPathPrefix } from "../theme.ts";

/** Results the page shows at once; "show more" adds as many again. */
export const searchPageSize = 10;

export interface SearchPageContext extends PageContext {
  search: {
    /** Site path of the bundled search script. */
    script: string;
    /** Filter choices, rendered with the page so that nothing moves when the script starts. */
    choices: { tag: string[]; author: string[]; year: string[] };
    /** Read by the script from `<script type="application/json" id="search-config">`. */
    config: object;
  };
}

const byName = (locale: string) => (a: string, b: string) => a.localeCompare(b, locale);

export function searchPage(archive: Archive, site: SiteContext, scriptUrl: string): SearchPageContext {
  const t = uiStrings(site.locale);
  return {
    ...plainPage("search", "/search/", t.searchTitle, site),
    search: {
      script: scriptUrl,
      choices: {
        tag: archive.tags.map((term) => term.name).sort(byName(site.locale)),
        author: archive.authors.map((term) => term.name).sort(byName(site.locale)),
        year: archive.years.map((year) => String(year.year)),
      },
      config: {
        locale: site.locale,
        pagefind: withPathPrefix("/pagefind/pagefind.js", site.pathPrefix),
        pageSize: searchPageSize,
        offlinePage: withPathPrefix(offlinePageUrl, site.pathPrefix),
        strings: {
          count: t.searchCount,
          noResults: t.searchNoResults,
          loading: t.searchLoading,
          failed: t.searchFailed,
          offline: t.searchOffline,
          offlinePage: t.offlinePageTitle,
        },
      },
    },
  };
}
