import newsArchive, { type NewsArchiveOptions } from "./src/index.ts";

/**
 * The demo archive: Markdown articles from `articles/`, pages from the plugin and its theme.
 * `npm run build -- --articles DIR --site-url URL` passes those flags in through the environment,
 * so this file also works with Eleventy's own command line.
 */
export default function (eleventyConfig: {
  addPlugin(plugin: typeof newsArchive, options: NewsArchiveOptions): void;
  addPassthroughCopy(path: string): void;
}) {
  // Pictures articles refer to as /images/….
  eleventyConfig.addPassthroughCopy("site/images");
  eleventyConfig.addPlugin(newsArchive, {
    siteName: "Діалог.UA — архів",
    siteDescription: "Архів новин редакції: політика, економіка, суспільство.",
    siteUrl: process.env.NEWS_ARCHIVE_SITE_URL ?? "https://archive.example.ua",
    locale: "uk",
    timeZone: "Europe/Kyiv",
    articles: process.env.NEWS_ARCHIVE_ARTICLES ?? "articles",
    pageSize: 10,
  });
}

export const config = {
  dir: {
    // The site's own pages and `_includes/` overrides of theme templates live in `site/`.
    // Output goes to Eleventy's default `_site/`; `--output` changes it.
    input: "site",
  },
};
