// Async boundary: the federation runtime negotiates shared singletons (React, router…) before
// any of them is evaluated.
import("./bootstrap");
