// Async boundary: the federation runtime negotiates shared singletons (React, router…) before
// any of them is evaluated.
import("./bootstrap").catch((error: unknown) => {
  // a chunk that cannot load (network down, a deploy in progress) would otherwise leave a blank page
  console.error("NeighbourHood failed to start", error);
  const root = document.getElementById("root");
  if (root) root.textContent = "NeighbourHood could not start. Reload the page to try again.";
});
