/**
 * A value made at most once per build. `npm start` makes a new build on every change, so a theme script or a
 * sitemap plan edited meanwhile is made again, while pages of one build share one copy.
 */
export function perBuild<Build extends object, Value>(make: (build: Build) => Value): (build: Build) => Value {
  const made = new WeakMap<Build, Value>();
  return (build) => {
    if (!made.has(build)) made.set(build, make(build));
    return made.get(build)!;
  };
}
