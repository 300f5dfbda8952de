import { useLayoutEffect, useRef, type ReactNode } from "react";
import { applyBranding } from "../branding";

export interface BrandScopeProps {
  /** #rrggbb; null or invalid keeps the default theme */
  primaryColor: string | null | undefined;
  children: ReactNode;
}

/** Applies a workspace's brand colour to everything inside it (CSS variables on a wrapper). */
export function BrandScope({ primaryColor, children }: BrandScopeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!ref.current || !primaryColor) return;
    return applyBranding({ primary_color: primaryColor }, ref.current);
  }, [primaryColor]);
  return (
    <div ref={ref} data-brand-scope="">
      {children}
    </div>
  );
}
