import DatasetWriters

/// Statistics of a written dataset (placeholder for the stats work; see `scenewright stats`).
public enum DatasetStatistics {}
