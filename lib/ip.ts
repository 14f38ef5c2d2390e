import { isIP } from "node:net";

/**
 * The network an address is counted under: an IPv4 address by itself, an IPv6 address by its /64, since one
 * subscriber is handed a whole /64 and could otherwise take a fresh address for every guess.
 */
export function addressNetwork(address: string): string | undefined {
  const plain = address.trim().toLowerCase().split("%", 1)[0] ?? "";
  const version = isIP(plain);
  if (version === 0) return undefined;
  if (version === 4 || plain.includes(".")) return plain;
  const [head = "", tail = ""] = plain.split("::");
  const front = head ? head.split(":") : [];
  const back = plain.includes("::") && tail ? tail.split(":") : [];
  const groups = [...front, ...Array<string>(8 - front.length - back.length).fill("0"), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.padStart(4, "0"))
    .join(":")}::/64`;
}
