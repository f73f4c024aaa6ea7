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
        featureNames = List.copyOf(featureNames);
    }
}
