/** The prompt version in use; bump by adding a new file, never by editing a shipped one. */
export * as extractPrompt from "./extract-v1";
