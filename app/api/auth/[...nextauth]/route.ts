import { handlers } from "@/services/auth/config";

export const { GET, POST } = handlers;
