// The worker of the traceback mode: it finds the traceback in each log
// the page posts (readLog, parselog.js) and posts back {tb, error, note},
// so that a long paste never holds up the page.

import { readLog } from "./parselog.js";

self.onmessage = (e) => self.postMessage(readLog(e.data));
