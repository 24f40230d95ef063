import type { ArticleSource } from "./articles.ts";
import { calendarParts } from "./dates.ts";
import type { Problem } from "./problems.ts";
import { slugify } from "./slugs.ts";

/** A tag or an author: a name readers see, the slug in its address, and its articles newest first. */
export interface Term {
  name: string;
  slug: string;
  url: string;
  articles: Article[];
}

export interface Article extends ArticleSource {
  url: string;
  year: number;
  month: number;
  authorTerms: Term[];
  tagTerms: Term[];
  /** Neighbours in publication order across the whole archive. */
  older?: Article;
  newer?: Article;
  related: Article[];
}

export interface MonthGroup {
  year: number;
  month: number;
  url: string;
  articles: Article[];
}

export interface YearGroup {
  year: number;
  url: string;
  articles: Article[];
  months: MonthGroup[];
}

export type ListingKind = "home" | "tag" | "author" | "year" | "month";

/** One page of a paginated listing; `previousUrl`/`nextUrl` chain every page of it. */
export interface ListingPage {
  kind: ListingKind;
  url: string;
  firstUrl: string;
  pageNumber: number;
  pageCount: number;
  articles: Article[];
  total: number;
  previousUrl?: string;
  nextUrl?: string;
  term?: Term;
  year?: YearGroup;
  month?: MonthGroup;
}

export interface ArchiveOptions {
  pageSize: number;
  relatedCount: number;
}

/**
 * The article index, built once from front matter: every listing, neighbour and related list comes from it,
 * so no page ever scans all articles. A class instance, so Eleventy's data cascade passes it by reference
 * instead of merging its (cyclic) contents.
 */
export class Archive {
  readonly articles: Article[];
  readonly tags: Term[];
  readonly authors: Term[];
  readonly years: YearGroup[];
  readonly listingPages: ListingPage[];
  readonly problems: Problem[];

  constructor(sources: ArticleSource[], options: ArchiveOptions) {
    const { articles, problems } = placeArticles(sources);
    this.articles = articles;
    this.problems = problems;
    this.tags = collectTerms(articles, (a) => a.tags, "/tags/", (a, terms) => (a.tagTerms = terms));
    this.authors = collectTerms(articles, (a) => a.authors, "/authors/", (a, terms) => (a.authorTerms = terms));
    this.years = groupByCalendar(articles);
    linkNeighbours(articles);
    linkRelated(articles, options.relatedCount);
    this.listingPages = [
      ...paginate("home", "/", articles, options.pageSize, {}),
      ...this.tags.flatMap((term) => paginate("tag", term.url, term.articles, options.pageSize, { term })),
      ...this.authors.flatMap((term) => paginate("author", term.url, term.articles, options.pageSize, { term })),
      ...this.years.flatMap((year) => [
        ...paginate("year", year.url, year.articles, options.pageSize, { year }),
        ...year.months.flatMap((month) => paginate("month", month.url, month.articles, options.pageSize, { year, month })),
      ]),
    ];
  }
}

const newestFirst = (a: ArticleSource, b: ArticleSource) =>
  b.date.instant.toMillis() - a.date.instant.toMillis() || a.file.localeCompare(b.file);

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Gives every article its `/<yyyy>/<mm>/<slug>/` address. Articles that would share one get `-2`, `-3`
 * in date order, so the earliest keeps the plain address and a later addition never moves it.
 */
function placeArticles(sources: ArticleSource[]): { articles: Article[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const taken = new Map<string, Article>();
  const oldestFirst = [...sources].sort((a, b) => newestFirst(b, a));
  const articles = oldestFirst.map((source): Article => {
    const { year, month } = calendarParts(source.date);
    const base = `/${year}/${pad(month)}/`;
    let slug = source.slug;
    const first = taken.get(`${base}${slug}/`);
    for (let n = 2; taken.has(`${base}${slug}/`); n++) slug = `${source.slug}-${n}`;
    if (first) {
      problems.push({
        severity: "warning",
        file: source.file,
        field: "slug",
        message: `${first.file} already has the address ${first.url}; this article gets ${base}${slug}/`,
      });
    }
    // Completed in place rather than copied: a copy would read every body (see readArticles) into memory.
    const article: Article = Object.assign(source, { slug, url: `${base}${slug}/`, year, month, authorTerms: [], tagTerms: [], related: [] });
    taken.set(article.url, article);
    return article;
  });
  return { articles: articles.reverse(), problems };
}

/**
 * Names that slug the same (`Київ`, `КИЇВ`) are one term, shown under its most used spelling
 * (ties: the spelling of its newest article).
 */
function collectTerms(
  articles: readonly Article[],
  names: (a: Article) => readonly string[],
  prefix: string,
  assign: (a: Article, terms: Term[]) => void,
): Term[] {
  const bySlug = new Map<string, { term: Term; spellings: Map<string, number> }>();
  // Names repeat across thousands of articles; romanizing each spelling once keeps the pass cheap.
  const slugs = new Map<string, string>();
  for (const article of articles) {
    const terms: Term[] = [];
    for (const name of names(article)) {
      let slug = slugs.get(name);
      if (slug === undefined) {
        slug = slugify(name);
        slugs.set(name, slug);
      }
      let entry = bySlug.get(slug);
      if (!entry) {
        entry = { term: { name, slug, url: `${prefix}${slug}/`, articles: [] }, spellings: new Map() };
        bySlug.set(slug, entry);
      }
      entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + 1);
      // An article listing one tag twice in two spellings still appears once under it.
      if (!terms.includes(entry.term)) {
        terms.push(entry.term);
        entry.term.articles.push(article);
      }
    }
    assign(article, terms);
  }
  const collator = new Intl.Collator("uk");
  return [...bySlug.values()]
    .map(({ term, spellings }) => {
      let best = 0;
      for (const [name, count] of spellings) {
        if (count > best) {
          best = count;
          term.name = name;
        }
      }
      return term;
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

function groupByCalendar(articles: readonly Article[]): YearGroup[] {
  const years = new Map<number, YearGroup>();
  for (const article of articles) {
    let year = years.get(article.year);
    if (!year) {
      year = { year: article.year, url: `/${article.year}/`, articles: [], months: [] };
      years.set(article.year, year);
    }
    year.articles.push(article);
    let month = year.months.find((m) => m.month === article.month);
    if (!month) {
      month = { year: article.year, month: article.month, url: `/${article.year}/${pad(article.month)}/`, articles: [] };
      year.months.push(month);
    }
    month.articles.push(article);
  }
  return [...years.values()];
}

function linkNeighbours(articles: Article[]): void {
  articles.forEach((article, i) => {
    const newer = articles[i - 1];
    const older = articles[i + 1];
    if (newer) article.newer = newer;
    if (older) article.older = older;
  });
}

/** How far along each tag's list to look for related articles: bounded so a tag with 100,000 articles costs no more than a small one. */
const relatedWindow = 12;

/**
 * Related articles share the most tags, nearest in time first. Candidates come only from a window around the
 * article in each of its tags' lists, so the whole pass is linear in the number of articles.
 */
function linkRelated(articles: readonly Article[], count: number): void {
  if (count === 0) return;
  const positions = new Map<Term, Map<Article, number>>();
  const positionIn = (term: Term, article: Article): number => {
    let index = positions.get(term);
    if (!index) {
      index = new Map(term.articles.map((a, i) => [a, i]));
      positions.set(term, index);
    }
    return index.get(article)!;
  };
  for (const article of articles) {
    const scores = new Map<Article, number>();
    for (const term of article.tagTerms) {
      const at = positionIn(term, article);
      const from = Math.max(0, at - relatedWindow);
      for (const candidate of term.articles.slice(from, at + relatedWindow + 1)) {
        if (candidate !== article) scores.set(candidate, (scores.get(candidate) ?? 0) + 1);
      }
    }
    const distance = (a: Article) => Math.abs(a.date.instant.toMillis() - article.date.instant.toMillis());
    article.related = [...scores.entries()]
      .sort(([a, sa], [b, sb]) => sb - sa || distance(a) - distance(b))
      .slice(0, count)
      .map(([a]) => a);
  }
}

export function pageUrl(firstUrl: string, pageNumber: number): string {
  return pageNumber === 1 ? firstUrl : `${firstUrl}page/${pageNumber}/`;
}

function paginate(
  kind: ListingKind,
  firstUrl: string,
  articles: Article[],
  pageSize: number,
  context: Pick<ListingPage, "term" | "year" | "month">,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(articles.length / pageSize));
  return Array.from({ length: pageCount }, (_, i): ListingPage => {
    const pageNumber = i + 1;
    return {
      kind,
      url: pageUrl(firstUrl, pageNumber),
      firstUrl,
      pageNumber,
      pageCount,
      articles: articles.slice(i * pageSize, (i + 1) * pageSize),
      total: articles.length,
      ...(pageNumber > 1 ? { previousUrl: pageUrl(firstUrl, pageNumber - 1) } : {}),
      ...(pageNumber < pageCount ? { nextUrl: pageUrl(firstUrl, pageNumber + 1) } : {}),
      ...context,
    };
  });
}
