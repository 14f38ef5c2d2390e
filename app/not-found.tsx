import { StatusPage } from "@/components/shell/status-page";

export default function NotFound() {
  return <StatusPage code="404" title="Page not found" message="The page does not exist, or it is not yours to see." />;
}
