import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

// The baseline: the news blog one would write by hand in plain Eleventy, with no plugin — a Nunjucks layout for
// articles (title, date, author, tag links), a page per tag and a home page paginated ten at a time, as the archive
// is. No search, feeds, sitemaps or offline support: the ratio to it is what those and the archive's extra pages cost.

const config = `export default function (eleventyConfig) {
  const dates = new Intl.DateTimeFormat("uk-UA", { dateStyle: "long", timeZone: "Europe/Kyiv" });
  eleventyConfig.addFilter("readableDate", (date) => dates.format(date));
  eleventyConfig.addFilter("isoDate", (date) => date.toISOString());
  eleventyConfig.addCollection("posts", (api) => api.getFilteredByGlob("./articles/**/*.md"));
}

// As eleventy-base-blog sets them.
export const config = { markdownTemplateEngine: "njk", htmlTemplateEngine: "njk" };
`;

const templates: Record<string, string> = {
  "eleventy.config.mjs": config,
  "articles/articles.json": `{ "layout": "article.njk" }\n`,
  "_includes/base.njk": `<!doctype html>
<html lang="uk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} — Архів новин</title>
<meta name="description" content="{{ lead or title }}">
</head>
<body>
<header><a href="/">Архів новин</a></header>
<main>
{{ content | safe }}
</main>
<footer>© Редакція</footer>
</body>
</html>
`,
  "_includes/article.njk": `---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p><time datetime="{{ page.date | isoDate }}">{{ page.date | readableDate }}</time> · {{ author }}</p>
<p><strong>{{ lead }}</strong></p>
{{ content | safe }}
<ul>{% for tag in tags %}<li><a href="/tags/{{ tag | slugify }}/">{{ tag }}</a></li>{% endfor %}</ul>
</article>
`,
  "index.njk": `---
layout: base.njk
title: Новини
pagination:
  data: collections.posts
  size: 10
  reverse: true
  alias: posts
permalink: "/{% if pagination.pageNumber > 0 %}page/{{ pagination.pageNumber + 1 }}/{% endif %}"
---
<ul>
{% for post in posts %}<li><a href="{{ post.url }}">{{ post.data.title }}</a> <time>{{ post.date | readableDate }}</time><p>{{ post.data.lead }}</p></li>
{% endfor %}</ul>
<nav>{% if pagination.href.previous %}<a href="{{ pagination.href.previous }}">Новіші</a>{% endif %}
{% if pagination.href.next %}<a href="{{ pagination.href.next }}">Старіші</a>{% endif %}</nav>
`,
  "tags.njk": `---
layout: base.njk
pagination:
  data: collections
  size: 1
  alias: tag
  filter: [all, posts]
permalink: "/tags/{{ tag | slugify }}/"
eleventyComputed:
  title: "{{ tag }}"
---
<h1>{{ tag }}</h1>
<ul>
{% for post in collections[tag] | reverse %}<li><a href="{{ post.url }}">{{ post.data.title }}</a> <time>{{ post.date | readableDate }}</time></li>
{% endfor %}</ul>
`,
};

/** Writes the baseline site into `dir`, with a copy of the articles, and returns its input folder. */
export function writeBaselineSite(dir: string, articles: string): string {
  for (const [file, text] of Object.entries(templates)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  cpSync(articles, path.join(dir, "articles"), { recursive: true });
  return dir;
}
