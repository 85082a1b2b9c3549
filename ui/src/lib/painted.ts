// The first screen's paint, told to the backend once: it starts the work
// held back so as not to slow that screen (the data file's check, the day's
// backups), and is what scripts/startup-bench.sh times. Two animation frames
// after the call the figures are on screen, not just in the DOM.
import { nextTick } from "vue";
import { appPainted } from "../api/app";

let told = false;

/** Says, once per window, that `screen` has painted. */
export function painted(screen: string): void {
  if (told) return;
  told = true;
  void nextTick(() =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        appPainted(screen).catch(() => undefined);
      }),
    ),
  );
}
