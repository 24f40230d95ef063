import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileStylesheet, themeSassSettings } from "./assets.ts";
import { defaultBrand, OptionsError, resolveOptions } from "./options.ts";

describe("theme stylesheet", () => {
  const { url, contents: css } = compileStylesheet(defaultBrand);

  it("compiles with the default brand into a content-hashed asset", () => {
    expect(url).toMatch(/^\/assets\/archive\.[0-9a-f]{10}\.css$/);
    expect(css).toMatch(new RegExp(`--colour-link: ?${defaultBrand.colour}`));
    // A byte-order mark appears when compressed output holds non-ASCII; the theme keeps it out.
    expect(css.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("has a dark scheme, print rules, reduced motion and visible focus", () => {
    expect(css).toMatch(/@media[^{]*prefers-color-scheme: ?dark/);
    expect(css).toContain("@media print");
    expect(css).toMatch(/@media ?\(prefers-reduced-motion: ?reduce\)/);
    expect(css).toMatch(/:focus-visible\{[^}]*outline:3px solid/);
    expect(css).toMatch(/\.skip-link:focus/);
  });

  it("loads no fonts, so text never shifts when a font arrives", () => {
    expect(css).not.toContain("@font-face");
    expect(css).not.toMatch(/url\(/);
  });

  it("styles table alignment classes the Markdown renderer emits", () => {
    for (const align of ["left", "center", "right"]) expect(css).toContain(`.align-${align}{text-align:${align}}`);
  });

  it("passes readable brand colours through, in any CSS colour syntax", () => {
    const custom = compileStylesheet({ ...defaultBrand, colour: "rebeccapurple", colourDark: "#ffb3c1" }).contents;
    expect(custom).toMatch(/--colour-link: ?rebeccapurple/);
    expect(custom).toMatch(/--colour-link: ?#ffb3c1/);
  });

  it("refuses a brand colour that is unreadable on the light background, naming the option", () => {
    expect(() => compileStylesheet({ ...defaultBrand, colour: "#ffff00" })).toThrow(
      /brand\.colour #ffff00 has a contrast of 1\.07:1 against the light page background #ffffff; WCAG AA needs at least 4\.5:1/,
    );
  });

  it("refuses a dark-mode brand colour that is unreadable on the dark background", () => {
    expect(() => compileStylesheet({ ...defaultBrand, colourDark: "#0b5394" })).toThrow(/brand\.colourDark #0b5394 has a contrast of [\d.]+:1 against the dark page background/);
  });

  it("refuses brand values that are not opaque colours", () => {
    expect(() => compileStylesheet({ ...defaultBrand, colour: "var(--accent)" })).toThrow(/brand\.colour must be a colour such as #0b5394, got var\(--accent\)/);
    expect(() => compileStylesheet({ ...defaultBrand, colour: "rgb(11 83 148 / 50%)" })).toThrow(/brand\.colour must be opaque/);
  });
});

describe("a site's Sass settings", () => {
  it("sets the theme's settings from the sass option", () => {
    expect(themeSassSettings()).toEqual(expect.arrayContaining(["page-width", "space-4", "light", "dark", "measure"]));
    const css = compileStylesheet({ brand: defaultBrand, sass: { "page-width": "93rem", measure: "61ch" } }).contents;
    expect(css).toContain("93rem");
    expect(css).toContain("61ch");
  });

  it("lists every setting in theme/scss/README.md, where the option's error sends a newsroom", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "..", "theme", "scss", "README.md"), "utf8");
    expect(themeSassSettings().filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it("still checks contrast for colours set through the sass option", () => {
    const light = `("text": #0b0c0c, "muted": #d0d0d0, "background": #ffffff, "surface": #f3f2f1, "control-border": #0b0c0c, "hairline": #b1b4b6, "on-brand": #ffffff)`;
    expect(() => compileStylesheet({ brand: defaultBrand, sass: { light } })).toThrow(/muted text colour #d0d0d0 has a contrast of [\d.]+:1/);
  });

  it("checks the focus and print colours a site sets, naming the setting", () => {
    expect(() => compileStylesheet({ brand: defaultBrand, sass: { "focus-text": "#f0f0f0" } })).toThrow(/sass\.focus-text #f0f0f0 has a contrast of [\d.]+:1 against the focus colour #ffdd00/);
    expect(() => compileStylesheet({ brand: defaultBrand, sass: { "print-text": "#cccccc" } })).toThrow(/sass\.print-text #cccccc has a contrast of [\d.]+:1 against the print background #ffffff/);
    expect(compileStylesheet({ brand: defaultBrand, sass: { focus: "#ffbf47", "print-text": "#222222" } }).contents).toContain("#ffbf47");
  });

  it("compiles a site's own entry that uses the theme with its settings, contrast checked", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "site-sass-"));
    const entry = (colour: string) => {
      const file = path.join(dir, `site-${colour.slice(1)}.scss`);
      writeFileSync(file, `@use "settings" with ($brand-colour: ${colour}, $page-width: 81rem);\n@use "main";\n.newsroom-banner { color: red; }\n`);
      return file;
    };
    const css = compileStylesheet({ brand: defaultBrand, entry: entry("#7a1f1f") }).contents;
    expect(css).toMatch(/--colour-link: ?#7a1f1f/);
    expect(css).toContain("81rem");
    expect(css).toContain(".newsroom-banner");
    expect(() => compileStylesheet({ brand: defaultBrand, entry: entry("#ffff00") })).toThrow(/contrast of 1\.07:1/);
  });

  it("refuses unknown settings with the nearest one, and the brand's own settings", () => {
    const problems = (options: object) => {
      try {
        resolveOptions(options);
        return [];
      } catch (error) {
        return (error as OptionsError).problems;
      }
    };
    expect(problems({ sass: { "page-widht": "80rem" } })).toEqual(['sass.page-widht is not a setting of the theme (did you mean sass.page-width?); see theme/scss/README.md']);
    expect(problems({ sass: { "brand-colour": "#000" } })).toEqual(["sass.brand-colour is set with brand.colour"]);
    expect(problems({ sass: { "page-width": "1px; } body { x" } })[0]).toMatch(/sass\.page-width must be a Sass value/);
    expect(problems({ stylesheet: path.join(import.meta.dirname, "..", "theme", "scss", "main.scss"), sass: { "page-width": "80rem" } })).toEqual([
      `sass and stylesheet do not go together: set page-width in ${path.join(import.meta.dirname, "..", "theme", "scss", "main.scss")}, in its @use "settings" with (…)`,
    ]);
    expect(problems({ stylesheet: "nope.scss" })[0]).toMatch(/stylesheet must be the path of the site's own \.scss file, got "nope\.scss" \(no such file\)/);
  });
});
