// IndexedDB for the engine's tests; jsdom has none.
import "fake-indexeddb/auto";
