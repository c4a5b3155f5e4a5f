package org.longtail4j.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * One of the 15 confidence bins behind the ECE, kept in results.json so a report can draw the
 * reliability diagram (accuracy against confidence per bin) without the scores.
 *
 * @param lower lower edge of the bin's confidence range (exclusive), 0..1
 * @param upper upper edge (inclusive), 0..1
 * @param count test samples whose top-1 confidence fell into the bin
 * @param accuracy top-1 accuracy of those samples, % (NaN, written null, for an empty bin)
 * @param confidence their mean top-1 confidence, % (NaN, written null, for an empty bin)
 */
@JsonPropertyOrder({"lower", "upper", "count", "accuracy", "confidence"})
public record ReliabilityBin(
        @JsonProperty("lower") double lower,
        @JsonProperty("upper") double upper,
        @JsonProperty("count") long count,
        @JsonProperty("accuracy") @JsonSerialize(using = NanAsNull.class) double accuracy,
        @JsonProperty("confidence") @JsonSerialize(using = NanAsNull.class) double confidence) {}
