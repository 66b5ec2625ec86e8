// Grade https://<host>/ with the MDN HTTP Observatory's own scanner and print the result as JSON.
import { scan } from "@mdn/mdn-http-observatory";

const result = await scan(process.argv[2] ?? "localhost");
const tests = Object.fromEntries(
  Object.values(result.tests).map((t) => [t.name ?? t.constructor.name, { pass: t.pass, result: t.result, scoreModifier: t.scoreModifier }])
);
console.log(JSON.stringify({ ...result.scan, tests }, null, 2));
