/* The ribbon's function file: the button opens the task pane (ShowTaskpane), so no function
 * commands are registered; the file must still load office.js and call onReady. */
if (typeof Office !== "undefined") {
  void Office.onReady();
}
export {};
