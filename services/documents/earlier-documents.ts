import { listEarlierDocuments, replaceDocumentKeys, saveDocumentFingerprint } from "@/db/queries/rule-context";
import {
  fingerprintBandKeys,
  fingerprintText,
  fingerprintVersion,
  textSimilarity,
} from "@/domain/documents/fingerprint";
import { duplicateLookupKeys, sellerFactsOf } from "@/domain/rules/identity";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import type { EarlierDocument, VendorMaster } from "@/domain/rules/context";

/**
 * The earlier documents this one may repeat, whether or not its vendor is on file. Its text fingerprint is stored
 * once; its lookup keys follow its latest extraction, so a corrected number is looked up too. Keys are stored before
 * looking, so of two copies checked at the same moment the later one finds the earlier. `text` is the document's
 * stored text, which the caller has read already.
 */
export async function loadEarlierDocuments(
  documentId: string,
  extraction: Extraction,
  vendor: VendorMaster | null,
  text: ExtractedText | undefined,
): Promise<EarlierDocument[]> {
  const computed = text ? fingerprintText(text.pages.map((page) => page.text).join("\n")) : null;
  const sketch = computed ? await saveDocumentFingerprint(documentId, fingerprintVersion, computed) : null;
  const { documentNumber, totalMinor, currency } = extraction.fields;
  const keys = [
    ...duplicateLookupKeys({
      seller: sellerFactsOf(extraction.fields, vendor),
      number: documentNumber.value,
      totalMinor: totalMinor.value,
      currency: currency.value,
    }),
    ...(sketch ? fingerprintBandKeys(sketch) : []),
  ];
  await replaceDocumentKeys(documentId, keys);
  const earlier = await listEarlierDocuments(documentId, keys);
  return earlier.map(({ minhash, fingerprintVersion: version, ...document }) => ({
    ...document,
    textSimilarity: sketch && minhash && version === fingerprintVersion ? textSimilarity(sketch, minhash) : null,
  }));
}
