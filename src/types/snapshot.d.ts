/** The sample's snapshot as JSON text, made at build time by scripts/sample-snapshot-loader.js. */
declare module "*sample-snapshot.stub?lang=zh&part=first" {
  const text: string;
  export default text;
}
declare module "*sample-snapshot.stub?lang=zh&part=rest" {
  const text: string;
  export default text;
}
declare module "*sample-snapshot.stub?lang=en&part=first" {
  const text: string;
  export default text;
}
declare module "*sample-snapshot.stub?lang=en&part=rest" {
  const text: string;
  export default text;
}
