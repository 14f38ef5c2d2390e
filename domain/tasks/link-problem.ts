/** What a person is told when an emailed link cannot act; never which of its parts was wrong. */
export function linkProblem(state: "invalid" | "used" | "expired"): string {
  switch (state) {
    case "used":
      return "This link was already used. Open Keel's inbox to see what was decided.";
    case "expired":
      return "This link has expired. Open the task in Keel's inbox to decide it.";
    default:
      return "This link is not valid. Use the latest email about this task, or open Keel's inbox.";
  }
}
