// Builds the Excel task pane and function file (what Excel loads) and, as its own entry, the
// standalone preview. HyperFormula and ExcelJS live only in the preview's chunks: Excel computes
// formulas itself, and test/build/bundle.test.ts checks that they stay out of the Excel bundles.
const path = require("path");
const fs = require("fs");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { rewriteManifestUrls } = require("./scripts/manifest-checks");

const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    console.error(
      "Could not install or read the development certificates for https://localhost:" +
        PORT +
        ".\n  On Windows/Mac run: npx office-addin-dev-certs install\n" +
        "  On Linux it needs sudo (Debian: apt-get install -y sudo libnss3-tools), and Chromium ignores the system store.\n" +
        "  Reason: " +
        (e && e.message ? e.message : e),
    );
    process.exit(1);
  }
}

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const publicUrl = process.env.ADDIN_PUBLIC_URL;
  if (!dev && !publicUrl) {
    console.warn(
      "ADDIN_PUBLIC_URL is not set: dist/manifest.xml keeps the development URLs (https://localhost:3000/).",
    );
  }
  const withPreview = env.preview !== "false";
  const entry = {
    taskpane: "./src/taskpane/index.tsx",
    commands: "./src/commands/commands.ts",
    // The save dialog the pane opens where the host blocks downloads (src/office/deck-delivery.ts).
    savefile: "./src/office/save-file.ts",
  };
  if (withPreview && fs.existsSync("./src/preview/index.tsx")) entry.preview = "./src/preview/index.tsx";

  const html = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane"],
    }),
    new HtmlWebpackPlugin({
      filename: "commands.html",
      template: "./src/commands/commands.html",
      chunks: ["commands"],
    }),
    new HtmlWebpackPlugin({
      filename: "save-file.html",
      template: "./src/office/save-file.html",
      chunks: ["savefile"],
    }),
  ];
  if (entry.preview) {
    html.push(
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
    );
  }

  return {
    devtool: dev ? "source-map" : false,
    entry,
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        // The preview bundles the sample case's CSV files as text.
        { test: /\.csv$/, type: "asset/source" },
        // The sample's snapshot for the preview's first paint, generated from the sources (src/preview/snapshot.ts).
        {
          test: /sample-snapshot\.stub$/,
          type: "javascript/auto",
          use: path.resolve(__dirname, "scripts/sample-snapshot-loader.js"),
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: dev } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      ...html,
      // PptxGenJS (the deck) imports node:fs / node:https for media files in Node only; its
      // package's "browser" field maps fs and https to nothing once the node: scheme is dropped.
      new webpack.NormalModuleReplacementPlugin(/^node:(fs|https)$/, (r) => {
        r.request = r.request.replace(/^node:/, "");
      }),
      // The emulator's ExcelJS (src/emulator/exceljs.ts) loads ExcelJS's Node modules; a browser
      // bundle takes ExcelJS's browser build through exceljs.browser.ts.
      new webpack.NormalModuleReplacementPlugin(/^\.{1,2}\/(.*\/)?exceljs$/, (r) => {
        r.request = `${r.request}.browser`;
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "src/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (!dev && publicUrl ? rewriteManifestUrls(content.toString(), publicUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.join(__dirname, "dist") },
      server: env.https ? { type: "https", options: await httpsOptions() } : { type: "http" },
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
