/**
 * Password strength with zxcvbn-ts (its English and common dictionaries), loaded on first use so
 * neither the sign-in page nor the sign-up page's first paint carries the dictionaries.
 */
export interface Strength {
  /** 0 (too guessable) … 4 (very unguessable), zxcvbn's scale */
  score: 0 | 1 | 2 | 3 | 4;
  /** what to do about it, from zxcvbn's feedback */
  hint: string | null;
}

let checker: Promise<(password: string, userInputs: string[]) => Strength> | null = null;

/** Loads zxcvbn-ts and its dictionaries once; answers the checker. */
export function loadStrengthChecker(): Promise<(password: string, userInputs: string[]) => Strength> {
  checker ??= Promise.all([
    import(/* webpackChunkName: "lazy-zxcvbn" */ "@zxcvbn-ts/core"),
    import(/* webpackChunkName: "lazy-zxcvbn-common" */ "@zxcvbn-ts/language-common"),
    import(/* webpackChunkName: "lazy-zxcvbn-en" */ "@zxcvbn-ts/language-en"),
  ]).then(([core, common, en]) => {
    const zxcvbn = new core.ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
    return (password: string, userInputs: string[]) => {
      const r = zxcvbn.check(password, userInputs);
      return { score: r.score as Strength["score"], hint: r.feedback.warning || r.feedback.suggestions[0] || null };
    };
  });
  return checker;
}
