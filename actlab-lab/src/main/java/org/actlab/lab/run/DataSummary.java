package org.actlab.lab.run;

import java.util.List;
import org.actlab.data.Dataset;
import org.actlab.data.Standardisation;

/**
 * What a run trained on: enough to feed new inputs to its network the same way.
 *
 * @param name            the data set's name
 * @param task            binary, multiclass or regression
 * @param features        the number of network inputs
 * @param featureNames    the Playground features computed from the raw columns, or empty for the raw columns
 * @param rawFeatures     the number of raw input columns before feature expansion
 * @param trainRows       rows in the training set
 * @param testRows        rows in the test set
 * @param standardisation the z-score applied after feature expansion, or null
 */
public record DataSummary(String name, Dataset.Task task, int features, List<String> featureNames, int rawFeatures,
                          int trainRows, int testRows, Standardisation standardisation) {

    public DataSummary {
        // Read back from model files, so every field is checked: a hand-edited file must fail here, not later.
        java.util.Objects.requireNonNull(task, "task");
        featureNames = List.copyOf(featureNames == null ? List.of() : featureNames);
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got " + features);
        }
        if (rawFeatures < 1) {
            throw new IllegalArgumentException("rawFeatures must be >= 1, got " + rawFeatures);
        }
        if (trainRows < 0 || testRows < 0) {
            throw new IllegalArgumentException("trainRows and testRows must be >= 0, got " + trainRows + " and " + testRows);
        }
        if (featureNames.isEmpty() && rawFeatures != features) {
            throw new IllegalArgumentException("rawFeatures is " + rawFeatures + " but features is " + features
                    + " and there is no feature expansion");
        }
        if (!featureNames.isEmpty() && featureNames.size() != features) {
            throw new IllegalArgumentException("featureNames lists " + featureNames.size() + " features but features is " + features);
        }
        for (String feature : featureNames) {
            org.actlab.data.Features.canonical(feature);
        }
        if (standardisation != null && standardisation.means().length != features) {
            throw new IllegalArgumentException("standardisation has " + standardisation.means().length
                    + " columns but features is " + features);
        }
    }
}
