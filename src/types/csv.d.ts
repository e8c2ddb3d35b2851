/** CSV files imported by the preview are bundled as their text. */
declare module "*.csv" {
  const text: string;
  export default text;
}
