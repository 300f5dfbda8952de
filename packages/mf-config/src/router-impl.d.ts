/** Webpack alias to react-router's production ESM build (see router-facade.mjs). */
declare module "@nhood/react-router-impl";
