import { describe, expect, it } from "vitest";
import { addressNetwork } from "./ip";

describe("addressNetwork", () => {
  it("counts an IPv4 address by itself", () => {
    expect(addressNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(addressNetwork("::ffff:203.0.113.9")).toBe("::ffff:203.0.113.9");
  });

  it("counts every address of one IPv6 /64 together", () => {
    expect(addressNetwork("2001:db8:1:2::1")).toBe("2001:0db8:0001:0002::/64");
    expect(addressNetwork("2001:DB8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:0db8:0001:0002::/64");
    expect(addressNetwork("2001:db8::1")).toBe("2001:0db8:0000:0000::/64");
    expect(addressNetwork("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressNetwork("fe80::1%eth0")).toBe("fe80:0000:0000:0000::/64");
  });

  it("ignores what is not an address", () => {
    expect(addressNetwork("unknown")).toBeUndefined();
    expect(addressNetwork("")).toBeUndefined();
  });
});
