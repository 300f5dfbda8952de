import { Component, type ErrorInfo, type ReactNode } from "react";
import { PortalErrorPanel } from "./portal-error-panel";

export interface PortalErrorBoundaryProps {
  portalName: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  hasError: boolean;
}

/**
 * Contains a portal that throws while rendering: shows the error panel instead of it, and
 * "Retry" renders the portal again.
 */
export class PortalErrorBoundary extends Component<PortalErrorBoundaryProps, State> {
  state: State = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, hasError: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[shell] portal ${this.props.portalName} crashed`, error, info.componentStack);
  }

  retry = () => this.setState({ error: null, hasError: false });

  render() {
    if (!this.state.hasError) return this.props.children;
    return <PortalErrorPanel portalName={this.props.portalName} kind="render" error={this.state.error} onRetry={this.retry} />;
  }
}
