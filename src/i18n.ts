export type Locale = "uk" | "en";

export const locales: readonly Locale[] = ["uk", "en"];

/**
 * Forms keyed by CLDR plural category; `{n}` is replaced by the count.
 * Ukrainian needs `few` (2–4, 22–24 …) and `many` (0, 5–20, 25 …); English uses only
 * `one` and `other`. `other` also covers fractions ("1,5 статті").
 */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

export interface UiStrings {
  // Site navigation
  navLabel: string;
  navHome: string;
  navTags: string;
  navAuthors: string;
  navArchive: string;
  navSearch: string;
  skipToContent: string;
  breadcrumbsLabel: string;
  articleNavigationLabel: string;
  monthsLabel: string;

  // Pagination; {page}, {pages}
  paginationLabel: string;
  previousPage: string;
  nextPage: string;
  pageOf: string;

  // Article page
  author: string;
  authors: string;
  articleTags: string;
  published: string;
  updated: string;
  /** Before a photo's credit: "Фото: УНІАН". */
  photoCredit: string;
  previousArticle: string;
  nextArticle: string;
  relatedArticles: string;

  // Listings; {name}, {year}. Month pages use formatMonthHeading() from dates.ts.
  tagTitle: string;
  authorTitle: string;
  yearTitle: string;
  allTags: string;
  allAuthors: string;
  latestArticles: string;
  articleCount: PluralForms;

  // 404
  notFoundTitle: string;
  notFoundText: string;
  notFoundHomeLink: string;

  // Search
  searchTitle: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  searchLoading: string;
  searchNoResults: string;
  searchCount: PluralForms;
  /** The count while older parts of the index are still to be searched ("show more" searches them). */
  searchCountAtLeast: PluralForms;
  searchLoadMore: string;
  searchNeedsJavaScript: string;
  searchFiltersLabel: string;
  searchFilterTags: string;
  searchFilterAuthors: string;
  searchFilterYears: string;
  /** The empty choice of a filter. */
  searchFilterAny: string;
  searchClearFilters: string;
  searchSortLabel: string;
  searchSortRelevance: string;
  searchSortNewest: string;
  searchFailed: string;
  /** "Show more" could not load the next results; the button stays for another try. */
  searchMoreFailed: string;
  searchOffline: string;
  /** A search with no results offers another spelling; `{query}` becomes its link. */
  searchDidYouMean: string;

  // Offline reading; {size}, {done}, {total}, {percent}
  offlineTitle: string;
  offlineText: string;
  offlineSave: string;
  offlineDelete: string;
  offlineSize: string;
  offlineProgress: string;
  offlinePercent: string;
  offlineSaved: string;
  offlineDeleted: string;
  offlineSaveFailed: string;
  /** Heading of /offline/, which is also linked from the footer. */
  offlinePageTitle: string;
  offlineSavedPages: string;
  offlineNothingSaved: string;
  offlineSaveTitle: string;
  offlineSaveText: string;
  /** {size} */
  offlineIncludePages: string;
  offlineIncludePhotos: string;
  offlineOutdated: string;
  offlineUnsupported: string;
  offlineNeedsJavaScript: string;

  // Footer; {site}. No year: it would change every page of the archive each January.
  footerCopyright: string;
}

export const strings: Record<Locale, UiStrings> = {
  uk: {
    navLabel: "Основна навігація",
    navHome: "Головна",
    navTags: "Теги",
    navAuthors: "Автори",
    navArchive: "Архів",
    navSearch: "Пошук",
    skipToContent: "Перейти до основного вмісту",
    breadcrumbsLabel: "Ви тут",
    articleNavigationLabel: "Сусідні статті",
    monthsLabel: "Місяці",

    paginationLabel: "Сторінки",
    previousPage: "Попередня сторінка",
    nextPage: "Наступна сторінка",
    pageOf: "Сторінка {page} з {pages}",

    author: "Автор",
    authors: "Автори",
    articleTags: "Теги",
    published: "Опубліковано",
    updated: "Оновлено",
    photoCredit: "Фото",
    previousArticle: "Попередня стаття",
    nextArticle: "Наступна стаття",
    relatedArticles: "Схожі статті",

    tagTitle: "Тег: {name}",
    authorTitle: "Автор: {name}",
    yearTitle: "Архів за {year} рік",
    allTags: "Усі теги",
    allAuthors: "Усі автори",
    latestArticles: "Останні статті",
    articleCount: { one: "{n} стаття", few: "{n} статті", many: "{n} статей", other: "{n} статті" },

    notFoundTitle: "Сторінку не знайдено",
    notFoundText: "Можливо, її перенесли чи видалили, або в адресі є помилка.",
    notFoundHomeLink: "Повернутися на головну",

    searchTitle: "Пошук",
    searchLabel: "Пошуковий запит",
    searchPlaceholder: "Пошук у архіві",
    searchButton: "Шукати",
    searchLoading: "Шукаємо…",
    searchNoResults: "Нічого не знайдено",
    // Accusative after «знайдено»: 1 статтю, 21 статтю.
    searchCount: {
      one: "Знайдено {n} статтю",
      few: "Знайдено {n} статті",
      many: "Знайдено {n} статей",
      other: "Знайдено {n} статті",
    },
    searchCountAtLeast: {
      one: "Знайдено щонайменше {n} статтю",
      few: "Знайдено щонайменше {n} статті",
      many: "Знайдено щонайменше {n} статей",
      other: "Знайдено щонайменше {n} статті",
    },
    searchLoadMore: "Показати більше",
    searchNeedsJavaScript: "Для пошуку потрібен JavaScript.",
    searchFiltersLabel: "Фільтри",
    searchFilterTags: "Теги",
    searchFilterAuthors: "Автори",
    searchFilterYears: "Роки",
    searchFilterAny: "Усі",
    searchClearFilters: "Скинути фільтри",
    searchSortLabel: "Сортування",
    searchSortRelevance: "За релевантністю",
    searchSortNewest: "Спочатку новіші",
    searchFailed: "Пошук зараз недоступний. Спробуйте пізніше.",
    searchMoreFailed: "Не вдалося завантажити наступні результати. Спробуйте ще раз.",
    searchOffline: "Ви офлайн: пошук охоплює лише збережену частину архіву.",
    searchDidYouMean: "Можливо, ви мали на увазі «{query}»?",

    offlineTitle: "Ви офлайн",
    offlineText:
      "Ця сторінка ще не збережена для читання без інтернету. Відкрийте її, коли з’явиться зв’язок, або заздалегідь збережіть архів.",
    offlineSave: "Зберегти архів для читання офлайн",
    offlineDelete: "Видалити збережене",
    offlineSize: "Розмір: {size}",
    offlineProgress: "Збережено {done} з {total}",
    offlinePercent: "Збереження… {percent}%",
    offlineSaved: "Архів збережено. Його можна читати без інтернету.",
    offlineDeleted: "Збережену копію видалено.",
    offlineSaveFailed: "Не вдалося зберегти архів. Спробуйте ще раз.",
    offlinePageTitle: "Читання без інтернету",
    offlineSavedPages: "Збережені сторінки",
    offlineNothingSaved: "Поки що нічого не збережено. Сторінки, які ви відкриваєте, зберігаються автоматично.",
    offlineSaveTitle: "Зберегти весь архів",
    offlineSaveText: "Збережений пошуковий індекс дозволяє шукати статті без інтернету. Разом з ним можна зберегти й усі сторінки архіву.",
    offlineIncludePages: "Також зберегти всі сторінки ({size})",
    offlineIncludePhotos: "Також зберегти фото ({size})",
    offlineOutdated: "Збережена копія застаріла: архів оновився. Збережіть його знову.",
    offlineUnsupported: "Ваш браузер не вміє зберігати сторінки для читання без інтернету.",
    offlineNeedsJavaScript: "Щоб зберегти архів, увімкніть JavaScript.",


    footerCopyright: "© {site}",
  },
  en: {
    navLabel: "Main navigation",
    navHome: "Home",
    navTags: "Tags",
    navAuthors: "Authors",
    navArchive: "Archive",
    navSearch: "Search",
    skipToContent: "Skip to main content",
    breadcrumbsLabel: "You are here",
    articleNavigationLabel: "Neighbouring articles",
    monthsLabel: "Months",

    paginationLabel: "Pagination",
    previousPage: "Previous page",
    nextPage: "Next page",
    pageOf: "Page {page} of {pages}",

    author: "Author",
    authors: "Authors",
    articleTags: "Tags",
    published: "Published",
    updated: "Updated",
    photoCredit: "Photo",
    previousArticle: "Previous article",
    nextArticle: "Next article",
    relatedArticles: "Related articles",

    tagTitle: "Tag: {name}",
    authorTitle: "Author: {name}",
    yearTitle: "Archive for {year}",
    allTags: "All tags",
    allAuthors: "All authors",
    latestArticles: "Latest articles",
    articleCount: { one: "{n} article", other: "{n} articles" },

    notFoundTitle: "Page not found",
    notFoundText: "It may have been moved or deleted, or the address may contain a typo.",
    notFoundHomeLink: "Go to the home page",

    searchTitle: "Search",
    searchLabel: "Search query",
    searchPlaceholder: "Search the archive",
    searchButton: "Search",
    searchLoading: "Searching…",
    searchNoResults: "Nothing found",
    searchCount: { one: "{n} article found", other: "{n} articles found" },
    searchCountAtLeast: { one: "At least {n} article found", other: "At least {n} articles found" },
    searchLoadMore: "Show more",
    searchNeedsJavaScript: "Search needs JavaScript.",
    searchFiltersLabel: "Filters",
    searchFilterTags: "Tags",
    searchFilterAuthors: "Authors",
    searchFilterYears: "Years",
    searchFilterAny: "All",
    searchClearFilters: "Clear filters",
    searchSortLabel: "Sort",
    searchSortRelevance: "By relevance",
    searchSortNewest: "Newest first",
    searchFailed: "Search is unavailable right now. Please try again later.",
    searchMoreFailed: "The next results could not be loaded. Please try again.",
    searchOffline: "You are offline: search covers only the saved part of the archive.",
    searchDidYouMean: "Did you mean “{query}”?",

    offlineTitle: "You are offline",
    offlineText:
      "This page has not been saved for offline reading yet. Open it again once you are connected, or save the archive in advance.",
    offlineSave: "Save the archive for offline reading",
    offlineDelete: "Delete saved copy",
    offlineSize: "Size: {size}",
    offlineProgress: "Saved {done} of {total}",
    offlinePercent: "Saving… {percent}%",
    offlineSaved: "The archive is saved and can be read offline.",
    offlineDeleted: "The saved copy has been deleted.",
    offlineSaveFailed: "Could not save the archive. Please try again.",
    offlinePageTitle: "Offline reading",
    offlineSavedPages: "Saved pages",
    offlineNothingSaved: "Nothing is saved yet. Pages you open are kept automatically.",
    offlineSaveTitle: "Save the whole archive",
    offlineSaveText: "A saved search index lets you search articles without a connection. You can save every page of the archive with it.",
    offlineIncludePages: "Also save every page ({size})",
    offlineIncludePhotos: "Also save the photos ({size})",
    offlineOutdated: "The saved copy is out of date: the archive has changed. Save it again.",
    offlineUnsupported: "This browser cannot save pages for offline reading.",
    offlineNeedsJavaScript: "Saving the archive needs JavaScript.",


    footerCopyright: "© {site}",
  },
};

export function uiStrings(locale: Locale): UiStrings {
  // Templates pass locale strings from front matter, which the type system cannot check.
  if (!locales.includes(locale)) throw new RangeError(`Unsupported locale "${String(locale)}"`);
  return strings[locale];
}

/** The locale's strings with the site's own wording for some of them (the `strings` option). */
export function siteStrings(locale: Locale, overrides: Partial<UiStrings> = {}): UiStrings {
  return { ...uiStrings(locale), ...overrides };
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

export function pluralCategory(n: number, locale: Locale): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

export function plural(n: number, forms: PluralForms, locale: Locale): string {
  const category = pluralCategory(n, locale);
  // "zero"/"two" never occur for uk or en; a missing form falls back to `other`.
  const template = (category === "one" || category === "few" || category === "many"
    ? forms[category]
    : undefined) ?? forms.other;
  // Locale grouping keeps large counts readable: "1 234 статті".
  return fill(template, { n: formatCount(n, locale) });
}

/** Digit group separators as CLDR has them: a no-break space in Ukrainian. */
const groupSeparators: Record<Locale, string> = { uk: "\u00a0", en: "," };

/**
 * A number as the locale writes it, the same as `toLocaleString`. Whole counts are grouped here: a browser's first
 * number formatting loads the locale's data, a task of 50 to 150 ms on the main thread that the search page's
 * status line would otherwise cost every visit (scripts/search-tbt.ts).
 */
export function formatCount(n: number, locale: Locale): string {
  if (!Number.isSafeInteger(n) || n < 0) return n.toLocaleString(locale);
  return String(n).replace(/\B(?=(\d{3})+$)/g, groupSeparators[locale]);
}

export function countArticles(n: number, locale: Locale): string {
  return plural(n, uiStrings(locale).articleCount, locale);
}

/** Replaces `{key}` placeholders; a missing value throws so a typo never reaches readers. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!Object.hasOwn(values, key)) throw new Error(`No value for {${key}} in "${template}"`);
    return String(values[key]);
  });
}
