// Eleventy 3 ships no type declarations; this covers the programmatic API the build script uses.
declare module "@11ty/eleventy" {
  interface EleventyOptions {
    configPath?: string;
    runMode?: "build" | "serve" | "watch";
    quietMode?: boolean;
    pathPrefix?: string;
    config?: (eleventyConfig: unknown) => void;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
  }
}
