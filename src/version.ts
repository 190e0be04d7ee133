// The product version, shown by `oer-atlas --version`, in the User-Agent and in API responses.
export const PRODUCT_VERSION = '0.1.0';
