import DatasetWriters

/// Checks a written dataset against its own pixels (placeholder for `scenewright verify`).
public enum DatasetVerifier {}
