import type { Article, ListingPage, MonthGroup, Term, YearGroup } from "./archive.ts";
import type { ArticleDate } from "./dates.ts";
import { formatMonthHeading, isoInstant } from "./dates.ts";
import { fill, siteStrings, type UiStrings } from "./i18n.ts";
import type { ResolvedOptions } from "./options.ts";
import { htmlToText, summarize } from "./text.ts";
import { absoluteUrl } from "./site-paths.ts";
import { ogImage, type Picture } from "./images/pictures.ts";
import { offlinePageUrl, webManifestUrl } from "./offline/urls.ts";
import { registrationScript } from "./offline/scripts.ts";

/** A link in the page head, e.g. a feed a reader's app can discover. */
export interface HeadLink {
  type: string;
  href: string;
  title: string;
}

export interface MetaTag {
  attribute: "name" | "property";
  key: string;
  content: string;
}

export interface Crumb {
  label: string;
  url: string;
}

/** What every template receives about the whole site. */
export interface SiteContext {
  name: string;
  description: string;
  url: string;
  lang: string;
  locale: ResolvedOptions["locale"];
  pathPrefix: string;
  /** Site path of the content-hashed stylesheet. */
  stylesheet: string;
  navigation: Crumb[];
  footerLinks: Crumb[];
  /** Scripts added to every page (the offline helper registers here). */
  scripts: string[];
  /** The web app manifest, linked from every page so the archive can be installed. */
  manifest: string;
  /** `<meta name="theme-color">` and the installed app's colour: the brand colour. */
  themeColour: string;
  /** Feeds of the whole archive, announced on the home page. */
  feeds: HeadLink[];
  /** Whether the archive has a search page, which the header's search form leads to. */
  search: boolean;
  publisher: ResolvedOptions["publisher"];
  /** Interface strings in the site's locale, with the site's own wording where it gave one. */
  strings: UiStrings;
}

/** What every template receives about the page it renders. */
export interface PageMeta {
  kind: "article" | "listing" | "home" | "terms" | "years" | "search" | "offline" | "not-found";
  url: string;
  /** The nav entry this page belongs to, for aria-current. */
  section?: string;
  documentTitle: string;
  heading: string;
  description: string;
  canonical: string;
  alternates: HeadLink[];
  meta: MetaTag[];
  breadcrumbs: Crumb[];
  /** Structured data, one `<script type="application/ld+json">` each: an article and its breadcrumbs are two. */
  jsonLd: object[];
}

/** A tag or author as a page links to it; never its article list, so a page's data stays small and acyclic. */
export interface TermLink {
  name: string;
  slug: string;
  url: string;
}

/** What a card, a neighbour link or a related link shows of an article. */
export interface ArticleCard {
  url: string;
  title: string;
  lead: string;
  date: ArticleDate;
  updated?: ArticleDate;
  image?: string;
  imageAlt?: string;
  imageCaption?: string;
  imageCredit?: string;
  /** The lead photo as served, when it is a local one (src/images/). */
  picture?: Picture;
  authorTerms: TermLink[];
  tagTerms: TermLink[];
}

/**
 * The article as its page's template receives it. Plain data made only of what the page shows, so that a hash of it
 * (src/build/fingerprint.ts) changes exactly when the page may: incremental builds rely on that.
 */
export interface ArticleView extends ArticleCard {
  slug: string;
  year: number;
  month: number;
  older?: ArticleCard;
  newer?: ArticleCard;
  related: ArticleCard[];
  /** The body's local photos by the address written in it: in the view so that a changed photo changes the page's fingerprint. */
  bodyPictures?: Record<string, Picture>;
}

export interface MonthLink {
  year: number;
  month: number;
  url: string;
  count: number;
}

/** A listing page as its template receives it: cards, not articles (see ArticleView). */
export interface ListingView extends Omit<ListingPage, "articles" | "term" | "year" | "month"> {
  articles: ArticleCard[];
  term?: TermLink;
  year?: { year: number; url: string; months: MonthLink[] };
  month?: MonthLink;
}

const termLink = (term: Term): TermLink => ({ name: term.name, slug: term.slug, url: term.url });

// Cards are made for every listing page an article is on; an article's card is the same on all of them.
const cards = new WeakMap<Article, ArticleCard>();

export function articleCard(article: Article): ArticleCard {
  let card = cards.get(article);
  if (!card) {
    card = makeCard(article);
    cards.set(article, card);
  }
  return card;
}

function makeCard(article: Article): ArticleCard {
  return {
    url: article.url,
    title: article.title,
    lead: article.lead,
    date: article.date,
    ...(article.updated ? { updated: article.updated } : {}),
    ...(article.image ? { image: article.image } : {}),
    ...(article.imageAlt ? { imageAlt: article.imageAlt } : {}),
    ...(article.imageCaption ? { imageCaption: article.imageCaption } : {}),
    ...(article.imageCredit ? { imageCredit: article.imageCredit } : {}),
    ...(article.picture ? { picture: article.picture } : {}),
    authorTerms: article.authorTerms.map(termLink),
    tagTerms: article.tagTerms.map(termLink),
  };
}

export function articleView(article: Article): ArticleView {
  return {
    ...articleCard(article),
    slug: article.slug,
    year: article.year,
    month: article.month,
    ...(article.older ? { older: articleCard(article.older) } : {}),
    ...(article.newer ? { newer: articleCard(article.newer) } : {}),
    related: article.related.map(articleCard),
    ...(article.bodyPictures ? { bodyPictures: article.bodyPictures } : {}),
  };
}

const monthLink = (month: MonthGroup): MonthLink => ({ year: month.year, month: month.month, url: month.url, count: month.articles.length });

export function listingView(listing: ListingPage): ListingView {
  const { articles, term, year, month, ...rest } = listing;
  return {
    ...rest,
    articles: articles.map(articleCard),
    ...(term ? { term: termLink(term) } : {}),
    ...(year ? { year: { year: year.year, url: year.url, months: year.months.map(monthLink) } } : {}),
    ...(month ? { month: monthLink(month) } : {}),
  };
}

/** Views hold cards; the archive's listing pages hold articles, which have a revision. */
function isListingView(listing: ListingPage | ListingView): listing is ListingView {
  const groups = [listing.term, listing.year, listing.month].filter(Boolean) as object[];
  return !listing.articles.some((article) => "revision" in article) && !groups.some((group) => "articles" in group);
}

export interface PageContext {
  site: SiteContext;
  t: UiStrings;
  page: PageMeta;
}

export function siteContext(options: ResolvedOptions, pathPrefix: string, stylesheet: string): SiteContext {
  const t = siteStrings(options.locale, options.strings);
  return {
    strings: t,
    name: options.siteName,
    description: options.siteDescription,
    url: options.siteUrl,
    lang: options.locale,
    locale: options.locale,
    pathPrefix,
    stylesheet,
    navigation: [
      { label: t.navHome, url: "/" },
      { label: t.navTags, url: "/tags/" },
      { label: t.navAuthors, url: "/authors/" },
      { label: t.navArchive, url: "/archive/" },
      ...(options.search ? [{ label: t.navSearch, url: "/search/" }] : []),
    ],
    footerLinks: [{ label: t.offlinePageTitle, url: offlinePageUrl }],
    scripts: [registrationScript().url],
    manifest: webManifestUrl,
    themeColour: options.brand.colour,
    feeds: [],
    search: options.search,
    publisher: options.publisher,
  };
}

/** Schema.org breadcrumbs, so search results show the page's place in the archive. */
export function breadcrumbJsonLd(crumbs: readonly Crumb[], site: SiteContext): object {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.label,
      item: absoluteUrl(crumb.url, site.url, site.pathPrefix),
    })),
  };
}

type BasePageInput = Omit<PageMeta, "canonical" | "meta" | "alternates" | "documentTitle" | "jsonLd"> & Partial<Omit<PageMeta, "jsonLd">> & { jsonLd?: object };

function basePage(site: SiteContext, page: BasePageInput): PageMeta {
  const canonical = absoluteUrl(page.url, site.url, site.pathPrefix);
  const documentTitle = page.documentTitle ?? (page.url === "/" ? site.name : `${page.heading} — ${site.name}`);
  const ownImage = page.meta?.some((m) => m.key === "og:image");
  // Link previews look broken without a picture, so pages without their own show the publisher's logo.
  const fallbackImage: MetaTag[] =
    !ownImage && site.publisher.logo ? [{ attribute: "property", key: "og:image", content: absoluteUrl(site.publisher.logo, site.url, site.pathPrefix) }] : [];
  return {
    ...page,
    documentTitle,
    canonical,
    alternates: page.alternates ?? [],
    jsonLd: [...(page.jsonLd ? [page.jsonLd] : []), ...(page.breadcrumbs.length > 1 ? [breadcrumbJsonLd(page.breadcrumbs, site)] : [])],
    meta: [
      // The 404 page is served at any address; it must not be indexed under one.
      ...(page.kind === "not-found" ? [{ attribute: "name" as const, key: "robots", content: "noindex" }] : []),
      { attribute: "property", key: "og:site_name", content: site.name },
      { attribute: "property", key: "og:title", content: page.heading },
      { attribute: "property", key: "og:description", content: page.description },
      { attribute: "property", key: "og:url", content: canonical },
      { attribute: "property", key: "og:locale", content: site.lang === "uk" ? "uk_UA" : "en_GB" },
      ...(page.meta ?? [{ attribute: "property" as const, key: "og:type", content: "website" }]),
      ...fallbackImage,
      { attribute: "name", key: "twitter:card", content: ownImage ? "summary_large_image" : "summary" },
      { attribute: "name", key: "twitter:title", content: page.heading },
      { attribute: "name", key: "twitter:description", content: page.description },
    ],
  };
}

/** The lead photo as link previews, feeds and structured data take it: the 1200-wide JPEG of a local photo, or the remote address. */
export function leadImage(article: ArticleCard, site: SiteContext): { url: string; width?: number; height?: number; type?: string } | undefined {
  if (article.picture) {
    const og = ogImage(article.picture);
    return { ...og, url: absoluteUrl(og.url, site.url, site.pathPrefix) };
  }
  return article.image ? { url: absoluteUrl(article.image, site.url, site.pathPrefix) } : undefined;
}

function imageObject(article: ArticleCard, image: NonNullable<ReturnType<typeof leadImage>>): object {
  return {
    "@type": "ImageObject",
    url: image.url,
    ...(image.width ? { width: image.width, height: image.height } : {}),
    ...(article.imageCaption ? { caption: article.imageCaption } : {}),
    ...(article.imageCredit ? { creditText: article.imageCredit } : {}),
  };
}

export function articleJsonLd(article: ArticleView, site: SiteContext): object {
  const url = absoluteUrl(article.url, site.url, site.pathPrefix);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.title,
    ...(article.lead ? { description: article.lead } : {}),
    inLanguage: site.lang,
    datePublished: isoInstant(article.date),
    dateModified: isoInstant(article.updated ?? article.date),
    author: article.authorTerms.map((author) => ({
      "@type": "Person",
      name: author.name,
      url: absoluteUrl(author.url, site.url, site.pathPrefix),
    })),
    ...(leadImage(article, site) ? { image: [imageObject(article, leadImage(article, site)!)] } : {}),
    keywords: article.tagTerms.map((tag) => tag.name),
    publisher: {
      "@type": "Organization",
      name: site.publisher.name,
      ...(site.publisher.logo ? { logo: { "@type": "ImageObject", url: absoluteUrl(site.publisher.logo, site.url, site.pathPrefix) } } : {}),
    },
  };
}

/** An article's page from its view (articleView), which a build in parts passes to its Eleventy runs as it is. */
export function articlePage(article: ArticleView, site: SiteContext, bodyHtml: string): PageContext & { article: ArticleView; bodyHtml: string } {
  const t = site.strings;
  const image = leadImage(article, site);
  return {
    site,
    t,
    article,
    bodyHtml,
    page: basePage(site, {
      kind: "article",
      url: article.url,
      heading: article.title,
      // The lead is plain text, shown as written; only the Markdown body needs its syntax taken out.
      // The body's text from the HTML already rendered for the page: no second read of the file.
      description: article.lead || summarize(htmlToText(bodyHtml)),
      breadcrumbs: [
        { label: t.navHome, url: "/" },
        { label: String(article.year), url: `/${article.year}/` },
        { label: formatMonthHeading(article.year, article.month, site.locale), url: article.url.split("/").slice(0, 3).join("/") + "/" },
        { label: article.title, url: article.url },
      ],
      jsonLd: articleJsonLd(article, site),
      meta: [
        { attribute: "property", key: "og:type", content: "article" },
        { attribute: "property", key: "article:published_time", content: isoInstant(article.date) },
        { attribute: "property", key: "article:modified_time", content: isoInstant(article.updated ?? article.date) },
        ...article.authorTerms.map((a) => ({ attribute: "property" as const, key: "article:author", content: absoluteUrl(a.url, site.url, site.pathPrefix) })),
        ...article.tagTerms.map((tag) => ({ attribute: "property" as const, key: "article:tag", content: tag.name })),
        ...(image
          ? [
              { attribute: "property" as const, key: "og:image", content: image.url },
              ...(image.width
                ? [
                    { attribute: "property" as const, key: "og:image:type", content: image.type! },
                    { attribute: "property" as const, key: "og:image:width", content: String(image.width) },
                    { attribute: "property" as const, key: "og:image:height", content: String(image.height) },
                  ]
                : []),
              ...(article.imageAlt ? [{ attribute: "property" as const, key: "og:image:alt", content: article.imageAlt }] : []),
            ]
          : []),
      ],
    }),
  };
}

/** Heading of a listing, in the reader's language: "Тег: Київ", "Архів за 2021 рік", "грудень 2021". */
export function listingHeading(listing: ListingView, t: UiStrings, site: SiteContext): string {
  switch (listing.kind) {
    case "home":
      return t.latestArticles;
    case "tag":
      return fill(t.tagTitle, { name: listing.term!.name });
    case "author":
      return fill(t.authorTitle, { name: listing.term!.name });
    case "year":
      return fill(t.yearTitle, { year: listing.year!.year });
    case "month":
      return formatMonthHeading(listing.month!.year, listing.month!.month, site.locale);
  }
}

function listingCrumbs(listing: ListingView, t: UiStrings, heading: string): Crumb[] {
  const home = { label: t.navHome, url: "/" };
  switch (listing.kind) {
    case "home":
      return [];
    case "tag":
      return [home, { label: t.navTags, url: "/tags/" }, { label: listing.term!.name, url: listing.firstUrl }];
    case "author":
      return [home, { label: t.navAuthors, url: "/authors/" }, { label: listing.term!.name, url: listing.firstUrl }];
    case "year":
      return [home, { label: t.navArchive, url: "/archive/" }, { label: String(listing.year!.year), url: listing.firstUrl }];
    case "month":
      return [home, { label: t.navArchive, url: "/archive/" }, { label: String(listing.year!.year), url: listing.year!.url }, { label: heading, url: listing.firstUrl }];
  }
}

const sections: Record<ListingPage["kind"], string> = { home: "/", tag: "/tags/", author: "/authors/", year: "/archive/", month: "/archive/" };

export function listingPage(source: ListingPage | ListingView, site: SiteContext, alternates: HeadLink[] = []): PageContext & { listing: ListingView } {
  const listing = isListingView(source) ? source : listingView(source);
  const t = site.strings;
  const heading = listingHeading(listing, t, site);
  const pageSuffix = listing.pageNumber > 1 ? ` (${fill(t.pageOf, { page: listing.pageNumber, pages: listing.pageCount })})` : "";
  return {
    site,
    t,
    listing,
    page: basePage(site, {
      kind: listing.kind === "home" ? "home" : "listing",
      url: listing.url,
      section: sections[listing.kind],
      heading: heading + pageSuffix,
      ...(listing.url === "/" ? { documentTitle: site.name } : {}),
      description: listing.kind === "home" ? site.description : `${heading}: ${listing.articles.map((a) => a.title).slice(0, 3).join("; ")}`,
      breadcrumbs: listingCrumbs(listing, t, heading),
      alternates: listing.pageNumber === 1 ? alternates : [],
    }),
  };
}

export function termsPage(kind: "tags" | "authors", terms: Term[], site: SiteContext): PageContext & { terms: Term[] } {
  const t = site.strings;
  const heading = kind === "tags" ? t.allTags : t.allAuthors;
  return {
    site,
    t,
    terms,
    page: basePage(site, {
      kind: "terms",
      url: `/${kind}/`,
      section: `/${kind}/`,
      heading,
      description: `${heading} — ${site.name}`,
      breadcrumbs: [{ label: t.navHome, url: "/" }, { label: heading, url: `/${kind}/` }],
    }),
  };
}

export function yearsPage(years: YearGroup[], site: SiteContext): PageContext & { years: YearGroup[] } {
  const t = site.strings;
  return {
    site,
    t,
    years,
    page: basePage(site, {
      kind: "years",
      url: "/archive/",
      section: "/archive/",
      heading: t.navArchive,
      description: `${t.navArchive} — ${site.name}`,
      breadcrumbs: [{ label: t.navHome, url: "/" }, { label: t.navArchive, url: "/archive/" }],
    }),
  };
}

/** Pages with no article behind them: 404, search, offline. */
export function plainPage(kind: PageMeta["kind"], url: string, heading: string, site: SiteContext): PageContext {
  return {
    site,
    t: site.strings,
    page: basePage(site, { kind, url, section: url, heading, description: `${heading} — ${site.name}`, breadcrumbs: [] }),
  };
}

