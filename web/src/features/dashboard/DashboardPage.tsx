// Placeholder until the dashboard area lands.
export function DashboardPage() {
  return <h1>DashboardPage</h1>;
}
