/**
 * White-label theming: sets the design system's --nh-* CSS variables from a workspace's branding.
 * Contrast colours are computed so text on the brand colour (and brand-coloured text on white)
 * stays at or above WCAG 2.2 AA 4.5:1.
 */

const HEX = /^#([0-9a-f]{6})$/i;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.x relative luminance of a #rrggbb colour (0 = black, 1 = white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function mix(hex: string, target: number, amount: number): string {
  const out = channels(hex).map((c) => Math.round(c + (target - c) * amount));
  return `#${out.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** Darkens a colour in 10% steps until it reaches 4.5:1 against white. */
function readableOnWhite(hex: string): string {
  for (let step = 0; step <= 10; step++) {
    const candidate = mix(hex, 0, step / 10);
    if (contrastRatio(candidate, "#ffffff") >= 4.5) return candidate;
  }
  return "#000000";
}

export interface BrandingTokens {
  /** #rrggbb; anything else leaves the default theme in place */
  primary_color: string;
}

/**
 * Sets --nh-brand, --nh-brand-contrast, --nh-brand-text and --nh-brand-soft on `element`
 * (default: the document root). Returns a function that removes them again.
 * @example const undo = applyBranding({ primary_color: "#0f766e" }, portalRoot);
 */
export function applyBranding(branding: BrandingTokens, element: HTMLElement = document.documentElement): () => void {
  const names = ["--nh-brand", "--nh-brand-contrast", "--nh-brand-text", "--nh-brand-soft"];
  const clear = () => {
    for (const n of names) element.style.removeProperty(n);
  };
  const brand = branding.primary_color;
  if (!HEX.test(brand)) return clear;
  const contrast = contrastRatio(brand, "#ffffff") >= contrastRatio(brand, "#0f172a") ? "#ffffff" : "#0f172a";
  element.style.setProperty("--nh-brand", brand);
  element.style.setProperty("--nh-brand-contrast", contrast);
  element.style.setProperty("--nh-brand-text", readableOnWhite(brand));
  element.style.setProperty("--nh-brand-soft", mix(brand, 255, 0.9));
  return clear;
}
