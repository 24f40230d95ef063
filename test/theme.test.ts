import { describe, expect, it } from "vitest";
import { compileStylesheet } from "../src/assets.ts";
import { defaultBrand } from "../src/options.ts";

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
