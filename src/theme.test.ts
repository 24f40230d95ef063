import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRenderer, jsonForScript } from "./theme.ts";

describe("createRenderer", () => {
  it("lets a site's base.njk fill the theme's named blocks, with the site's own filters", () => {
    const includes = mkdtempSync(path.join(tmpdir(), "includes-"));
    writeFileSync(
      path.join(includes, "base.njk"),
      `{% extends "news-archive/base.njk" %}
{% block head %}<meta name="newsroom" content="{{ site.name | shout }}">{% endblock %}
{% block navigation %}{{ super() }}<nav id="extra">Розділи</nav>{% endblock %}
{% block footer %}<footer id="own">Підвал</footer>{% endblock %}
{% block bodyEnd %}<p id="end">кінець</p>{% endblock %}`,
    );
    const render = createRenderer({ locale: "uk", pathPrefix: "/", siteIncludes: includes, siteFilters: { shout: (text: string) => text.toUpperCase(), url: () => "site's url filter" } });
    const html = render("404.njk", {
      site: { lang: "uk", name: "Редакція", stylesheet: "/assets/a.css", navigation: [{ label: "Головна", url: "/" }], scripts: [] },
      t: { notFoundTitle: "Сторінку не знайдено", navLabel: "Навігація" },
      page: { kind: "not-found", heading: "Сторінку не знайдено", documentTitle: "x", breadcrumbs: [] },
    });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta name="newsroom" content="РЕДАКЦІЯ">');
    expect(html).toMatch(/<nav class="masthead__nav"[\s\S]*Головна[\s\S]*<\/nav>\s*<nav id="extra">Розділи<\/nav>/);
    expect(html).toContain('<footer id="own">Підвал</footer>');
    expect(html).not.toContain("site-footer");
    expect(html).toMatch(/<p id="end">кінець<\/p>\s*<\/body>/);
    // The theme's url filter wins over a site filter (or Eleventy's) of the same name.
    expect(html).toContain('href="/assets/a.css"');
  });

  it("prefers a template of the same name in the site's _includes/, for whole pages and partials alike", () => {
    const includes = mkdtempSync(path.join(tmpdir(), "includes-"));
    mkdirSync(path.join(includes, "partials"));
    writeFileSync(path.join(includes, "partials", "footer.njk"), "<footer>Власний підвал {{ site.name }}</footer>");
    const render = createRenderer({ locale: "uk", pathPrefix: "/", siteIncludes: includes });
    const html = render("404.njk", {
      site: { lang: "uk", name: "Редакція", stylesheet: "/assets/a.css", navigation: [], scripts: [] },
      t: { notFoundTitle: "Сторінку не знайдено" },
      page: { documentTitle: "x", meta: [], alternates: [], breadcrumbs: [] },
    });
    expect(html).toContain("<footer>Власний підвал Редакція</footer>");
    expect(html).toContain("Сторінку не знайдено");
  });

  it("gives overrides the site's shortcodes and paired shortcodes, called as Eleventy calls them", () => {
    const includes = mkdtempSync(path.join(tmpdir(), "includes-"));
    mkdirSync(path.join(includes, "partials"));
    writeFileSync(path.join(includes, "partials", "footer.njk"), `<footer>{% phone %}|{% tel "+380 44", "редакція" %}|{% box "b" %}{{ site.name }}{% endbox %}|{% where %}</footer>`);
    const render = createRenderer({
      locale: "uk",
      pathPrefix: "/",
      siteIncludes: includes,
      siteShortcodes: {
        phone: () => "+380 532 00 00 00",
        tel: (number: string, label: string) => `<a href="tel:${number}">${label}</a>`,
        where(this: { page: { kind: string } }) {
          return this.page.kind;
        },
      },
      sitePairedShortcodes: { box: (content: string, tag: string) => `<${tag}>${content}</${tag}>` },
    });
    const html = render("404.njk", {
      site: { lang: "uk", name: "Редакція", stylesheet: "/assets/a.css", navigation: [], scripts: [] },
      t: { notFoundTitle: "Сторінку не знайдено" },
      page: { kind: "not-found", documentTitle: "x", meta: [], alternates: [], breadcrumbs: [] },
    });
    expect(html).toContain('<footer>+380 532 00 00 00|<a href="tel:+380 44">редакція</a>|<b>Редакція</b>|not-found</footer>');
  });

  it("refuses a site's async shortcode by name instead of printing a promise", () => {
    const includes = mkdtempSync(path.join(tmpdir(), "includes-"));
    writeFileSync(path.join(includes, "404.njk"), "{% later %}");
    const render = createRenderer({ locale: "uk", pathPrefix: "/", siteIncludes: includes, siteShortcodes: { later: async () => "x" } });
    expect(() => render("404.njk", {})).toThrow(/shortcode "later" is asynchronous/);
  });

  it("shows the footer text in the site's wording, with the site's name in it", () => {
    const render = createRenderer({ locale: "uk", pathPrefix: "/" });
    const html = render("partials/footer.njk", { site: { name: "Хвиля & Ко", footerLinks: [] }, t: { footerCopyright: "© {site}, 2004–2025", navArchive: "Архів" } });
    expect(html).toContain("<p>© Хвиля &amp; Ко, 2004–2025</p>");
  });

  it("stops at a mistake in a site's partial with the file's name, from the render itself", () => {
    const includes = mkdtempSync(path.join(tmpdir(), "includes-"));
    mkdirSync(path.join(includes, "partials"));
    writeFileSync(path.join(includes, "partials", "footer.njk"), "<footer>{% unknownTag %}</footer>");
    const render = createRenderer({ locale: "uk", pathPrefix: "/", siteIncludes: includes });
    const context = { site: { lang: "uk", name: "Р", stylesheet: "/a.css", navigation: [], scripts: [] }, t: {}, page: { documentTitle: "x", meta: [], alternates: [], breadcrumbs: [] } };
    // Twice: the second render must not find a half-made template in the cache.
    for (let i = 0; i < 2; i++) expect(() => render("404.njk", context)).toThrow(/partials[/\\]footer\.njk[\s\S]*unknown block tag: unknownTag/);
  });

  it("escapes data and prefixes site paths", () => {
    const render = createRenderer({ locale: "uk", pathPrefix: "/sub/" });
    const html = render("partials/breadcrumbs.njk", {
      t: {},
      page: { breadcrumbs: [{ label: "<b>Тег</b>", url: "/tags/" }, { label: "x", url: "/x/" }] },
    });
    expect(html).toContain('<a href="/sub/tags/">&lt;b&gt;Тег&lt;/b&gt;</a>');
  });
});

describe("jsonForScript", () => {
  it("keeps JSON in a script element from ever closing it", () => {
    expect(jsonForScript({ headline: "</script><script>alert(1)</script>" })).not.toContain("<");
    expect(JSON.parse(jsonForScript({ a: "</script> & \u2028" }))).toEqual({ a: "</script> & \u2028" });
  });
});
