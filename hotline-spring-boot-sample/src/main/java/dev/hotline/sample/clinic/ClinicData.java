package dev.hotline.sample.clinic;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** A few owners and pets to start with. */
@Component
class ClinicData implements ApplicationRunner {
    private final OwnerRepository owners;
    private final PetRepository pets;

    ClinicData(OwnerRepository owners, PetRepository pets) {
        this.owners = owners;
        this.pets = pets;
    }

    @Override
    public void run(ApplicationArguments args) {
        Owner george = owners.save(new Owner("George Franklin", "Madison"));
        Owner betty = owners.save(new Owner("Betty Davis", "Sun Prairie"));
        pets.save(new Pet("Leo", "cat", george));
        pets.save(new Pet("Basil", "hamster", betty));
        pets.save(new Pet("Rosy", "dog", betty));
    }
}
