import type { Archive, Term } from "../archive.ts";
import { uiStrings } from "../i18n.ts";
import { offlinePageUrl } from "../offline/urls.ts";
import { plainPage, type PageContext, type SiteContext } from "../pages.ts";
import { withPathPrefix } from "../site-paths.ts";
import { lemmaTablePlan } from "./lemma-table.ts";
import { partFolder, primaryPart, type SearchPart } from "./parts.ts";

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

/**
 * Tags or authors a filter lists at most. A large archive has thousands of tags: listing them all would make the
 * search page hundreds of kilobytes to download and lay out, and a list no reader can scroll. A term left out still
 * filters from a link (`?tag=…`, see theme/scripts/search.ts) and keeps its own page.
 */
export const maxFilterChoices = 100;

/** The names of the terms with the most articles (ties by name), in name order. */
export function filterChoices(terms: readonly Term[], locale: string, max = maxFilterChoices): string[] {
  const compare = byName(locale);
  const names = terms.length <= max ? terms : [...terms].sort((a, b) => b.articles.length - a.articles.length || compare(a.name, b.name)).slice(0, max);
  return names.map((term) => term.name).sort(compare);
}

/**
 * What the script needs to load the index: Pagefind's loader from the primary part, and every part, newest first,
 * with the cache tag that stands in for Pagefind's per-visit cache-buster (a part's files never change under its name).
 */
export function searchIndexConfig(parts: readonly SearchPart<unknown>[], pathPrefix: string) {
  const primary = primaryPart(parts);
  const table = lemmaTablePlan(parts);
  return {
    ...(primary ? { pagefind: withPathPrefix(`/pagefind/${partFolder(primary)}/pagefind.js`, pathPrefix) } : {}),
    parts: parts.map((part) => ({ id: part.id, path: withPathPrefix(`/pagefind/${partFolder(part)}/`, pathPrefix), tag: part.fingerprint, articles: part.articles.length })),
    lemmas: { path: withPathPrefix(`/pagefind/${partFolder(table)}/`, pathPrefix), chunks: table.chunks },
  };
}

export function searchPage(archive: Archive, site: SiteContext, scriptUrl: string, parts: readonly SearchPart<unknown>[]): SearchPageContext {
  const t = uiStrings(site.locale);
  return {
    ...plainPage("search", "/search/", t.searchTitle, site),
    search: {
      script: scriptUrl,
      choices: {
        tag: filterChoices(archive.tags, site.locale),
        author: filterChoices(archive.authors, site.locale),
        year: archive.years.map((year) => String(year.year)),
      },
      config: {
        locale: site.locale,
        ...searchIndexConfig(parts, site.pathPrefix),
        pageSize: searchPageSize,
        offlinePage: withPathPrefix(offlinePageUrl, site.pathPrefix),
        strings: {
          count: t.searchCount,
          countAtLeast: t.searchCountAtLeast,
          noResults: t.searchNoResults,
          loading: t.searchLoading,
          failed: t.searchFailed,
          moreFailed: t.searchMoreFailed,
          offline: t.searchOffline,
          offlinePage: t.offlinePageTitle,
          didYouMean: t.searchDidYouMean,
        },
      },
    },
  };
}
