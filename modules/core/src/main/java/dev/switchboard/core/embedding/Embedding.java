package dev.switchboard.core.embedding;

import java.util.Arrays;

/**
 * One vector.
 *
 * @param index the position of its input in the request
 * @param vector the values; the record copies the array in and out, so it stays immutable
 */
public record Embedding(int index, float[] vector) {
  public Embedding {
    vector = vector.clone();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  public int dimensions() {
    return vector.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Embedding e && e.index == index && Arrays.equals(e.vector, vector);
  }

  @Override
  public int hashCode() {
    return 31 * index + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[index=" + index + ", dimensions=" + vector.length + "]";
  }
}
