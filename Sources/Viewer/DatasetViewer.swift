import DatasetWriters

/// The static HTML viewer of a written dataset (placeholder for `scenewright browse`).
public enum DatasetViewer {}
