// Reads captured webhook deliveries (JSON on stdin) and verifies each with the npm package standardwebhooks.
// Input: {"deliveries": [{"secret": "whsec_...", "headers": {...}, "body": "...", "signed_at_clock": true?}]}
// A delivery made under a test clock is verified at its own webhook-timestamp (the library checks the timestamp
// against "now"; the signature check itself is untouched). Prints one line per delivery and "verified N/N".
// Exit code 0 only when every delivery verifies.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { deliveries } = JSON.parse(input);
  const realNow = Date.now;
  let ok = 0;
  deliveries.forEach((d, i) => {
    try {
      if (d.signed_at_clock) {
        const ts = Number(d.headers["webhook-timestamp"]) * 1000;
        Date.now = () => ts;
      }
      const payload = new Webhook(d.secret).verify(d.body, d.headers);
      console.log(`ok ${i} ${d.headers["webhook-id"]} ${payload.type}`);
      ok++;
    } catch (e) {
      console.log(`FAIL ${i} ${d.headers["webhook-id"]}: ${e.message}`);
    } finally {
      Date.now = realNow;
    }
  });
  console.log(`verified ${ok}/${deliveries.length}`);
  process.exit(ok === deliveries.length ? 0 : 1);
});
