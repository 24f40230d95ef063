import { readFileSync } from "node:fs";
import path from "node:path";
import { hashedName, type Asset } from "../assets.ts";
import { themeDir } from "../theme.ts";

/** A theme script as a content-hashed asset; the theme's browser scripts are plain JavaScript, served as written. */
export function themeScript(name: string): Asset {
  const contents = readFileSync(path.join(themeDir, "scripts", `${name}.js`), "utf8");
  return { url: `/assets/${hashedName(name, "js", contents)}`, contents };
}

let registration: Asset | undefined;

/**
 * The service worker's registration: the one script every page, articles included, loads. Read once per process:
 * the register script has no settings and, unlike the theme's templates, is not something a site edits while serving.
 */
export function registrationScript(): Asset {
  registration ??= themeScript("sw-register");
  return registration;
}
