import newsArchive from "eleventy-news-archive";

/**
 * The demo archive: Markdown articles from `articles/`, pages from the plugin and its theme. It uses the package
 * through its name, exactly as a newsroom's site does; `npm run build -- --articles DIR --site-url URL` overrides
 * those two options from the command line.
 */
export default function (eleventyConfig) {
  // Pictures articles refer to as /images/….
  eleventyConfig.addPassthroughCopy("site/images");
  eleventyConfig.addPlugin(newsArchive, {
    siteName: "Діалог.UA — архів",
    siteDescription: "Архів новин редакції: політика, економіка, суспільство.",
    siteUrl: "https://archive.example.ua",
    locale: "uk",
    timeZone: "Europe/Kyiv",
    articles: "articles",
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
