// Every unit test may train: register gradient functions once. tfjs-core alone has none, and its ESM
// deep import would load a second copy of tfjs-core under Node; the umbrella package's CommonJS build
// registers them into the global registry the tests' tfjs-core uses.
import '@tensorflow/tfjs';
