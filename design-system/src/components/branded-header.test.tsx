import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BrandScope } from "./brand-scope";
import { BrandedHeader } from "./branded-header";

describe("BrandedHeader", () => {
  it("shows the logo with alt text and the display name inside the brand scope", () => {
    const { container } = render(
      <BrandScope primaryColor="#0f766e">
        <BrandedHeader displayName="Acme" logoUrl="https://acme.test/logo.png" subtitle="Notifications" />
      </BrandScope>,
    );
    expect(screen.getByRole("img", { name: "Acme logo" })).toHaveAttribute("src", "https://acme.test/logo.png");
    expect(screen.getByText("Acme")).toBeInTheDocument();
    const scope = container.querySelector<HTMLElement>("[data-brand-scope]")!;
    expect(scope.style.getPropertyValue("--nh-brand")).toBe("#0f766e");
  });

  it("shows a loading placeholder until the branding arrives", () => {
    render(<BrandedHeader displayName={null} logoUrl={null} />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading branding…");
  });
});
