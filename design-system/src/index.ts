/**
 * @nhood/design-system: accessible React components styled by the one Tailwind theme
 * (dist/theme.css, served at /design-system/theme.css) and the white-label branding helper.
 */
export { Button, type ButtonProps, type ButtonVariant } from "./components/button";
export { Input, type InputProps } from "./components/input";
export { Select, type SelectProps } from "./components/select";
export { Table, THead, TBody, Tr, Th, Td, type TableProps } from "./components/table";
export { Dialog, type DialogProps } from "./components/dialog";
export { toast, ToastViewport, useToastStore, type Toast, type ToastTone } from "./components/toast";
export { EmptyState, type EmptyStateProps } from "./components/empty-state";
export { Skeleton, SkeletonList } from "./components/skeleton";
export { Badge, type BadgeTone } from "./components/badge";
export { Card, type CardProps } from "./components/card";
export { PageHeader, type PageHeaderProps } from "./components/page-header";
export { applyBranding, contrastRatio, relativeLuminance, type BrandingTokens } from "./branding";
export { cx } from "./lib/cx";
export { BrandScope, type BrandScopeProps } from "./components/brand-scope";
export { BrandedHeader, type BrandedHeaderProps } from "./components/branded-header";
