// Codes common on business documents; a bare three-letter word is only read as a code from this list, since
// many words ("ALL", "TOP", "CUP") are codes too.
export const commonCurrencyCodes = new Set([
  "EUR", "USD", "GBP", "JPY", "CHF", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "TRY", "RUB", "UAH",
  "INR", "AUD", "CAD", "NZD", "BRL", "MXN", "ARS", "CLP", "COP", "CNY", "RMB", "HKD", "SGD", "KRW", "TWD", "THB", "MYR",
  "IDR", "PHP", "VND", "ZAR", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "JOD", "ILS", "EGP", "NGN", "KES",
]);

/** The same codes as a regex alternation, for patterns that must not take any three capitals for a currency. */
export const currencyCodePattern = [...commonCurrencyCodes].join("|");
