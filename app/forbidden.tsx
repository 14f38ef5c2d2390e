import { StatusPage } from "@/components/shell/status-page";

export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You do not have access to this page"
      message="Your role does not include it. If you need it for your work, ask an admin to change your role."
    />
  );
}
